import { createHash, createHmac, randomBytes } from 'node:crypto';
import { fromHex, hmacSha256, sha256, toHex, utf8 } from '@domain/hmac-sha256';

const hex = (s: string) => fromHex(s);
const ascii = (s: string) => utf8(s);
const repeat = (byte: number, n: number) => new Uint8Array(n).fill(byte);

describe('SHA-256 in plain TypeScript', () => {
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    [
      'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    ],
  ])('hashes the FIPS 180-2 example %j', (message, digest) => {
    expect(toHex(sha256(ascii(message)))).toBe(digest);
  });

  it('agrees with node:crypto on every length around the block and padding boundaries', () => {
    for (let n = 0; n <= 200; n++) {
      const data = randomBytes(n);
      expect(toHex(sha256(data))).toBe(createHash('sha256').update(data).digest('hex'));
    }
  });

  it('encodes text as UTF-8 like Node does', () => {
    const text = 'Prövning – beslut 🏥 åäö';
    expect(toHex(utf8(text))).toBe(Buffer.from(text, 'utf8').toString('hex'));
  });
});

describe('HMAC-SHA256 (RFC 4231 test vectors)', () => {
  it.each([
    [
      'case 1',
      repeat(0x0b, 20),
      hex('4869205468657265'),
      'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7',
    ],
    [
      'case 2',
      ascii('Jefe'),
      ascii('what do ya want for nothing?'),
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    ],
    [
      'case 3',
      repeat(0xaa, 20),
      repeat(0xdd, 50),
      '773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe',
    ],
    [
      'case 4',
      hex('0102030405060708090a0b0c0d0e0f10111213141516171819'),
      repeat(0xcd, 50),
      '82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b',
    ],
    [
      'case 6 (key longer than a block)',
      repeat(0xaa, 131),
      ascii('Test Using Larger Than Block-Size Key - Hash Key First'),
      '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54',
    ],
    [
      'case 7 (key and data longer than a block)',
      repeat(0xaa, 131),
      ascii(
        'This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.',
      ),
      '9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2',
    ],
  ])('matches %s', (_name, key, data, mac) => {
    expect(toHex(hmacSha256(key, data))).toBe(mac);
  });

  it('case 5 (truncated to 128 bits)', () => {
    const mac = hmacSha256(repeat(0x0c, 20), ascii('Test With Truncation'));
    expect(toHex(mac).slice(0, 32)).toBe('a3b6167473100ee06e0c796c2955552b');
  });

  it('agrees with node:crypto for random keys and messages', () => {
    for (let i = 0; i < 50; i++) {
      const key = randomBytes(i * 3);
      const data = randomBytes(i * 7);
      expect(toHex(hmacSha256(key, data))).toBe(createHmac('sha256', key).update(data).digest('hex'));
    }
  });
});
