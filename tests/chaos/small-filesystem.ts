import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, rmSync, statfsSync, writeSync } from 'node:fs';

/**
 * A small ext4 filesystem in an image file, loop-mounted (needs root or CAP_SYS_ADMIN), for a run that fills a
 * dependency's disk. `fill()` writes a filler file until the filesystem refuses (ENOSPC); `free()` deletes it.
 * `unmount()` is idempotent and also registered for the process's exit, so a failed run leaves no mount behind.
 */
export interface SmallFilesystem {
  mountPoint: string;
  /** Fills every free byte; returns how many bytes the filler took. */
  fill(): number;
  free(): void;
  freeBytes(): number;
  unmount(): void;
}

export function mountSmallFilesystem(image: string, mountPoint: string, sizeMb: number): SmallFilesystem {
  rmSync(image, { force: true });
  mkdirSync(mountPoint, { recursive: true });
  execFileSync('truncate', ['-s', `${sizeMb}M`, image]);
  // -m 0: no blocks reserved for root, so "full" means full for every user alike.
  execFileSync('mkfs.ext4', ['-q', '-F', '-m', '0', image]);
  execFileSync('mount', ['-o', 'loop', image, mountPoint]);
  const filler = `${mountPoint}/filler`;
  let mounted = true;
  const unmount = () => {
    if (!mounted) return;
    mounted = false;
    process.removeListener('exit', unmount);
    try {
      execFileSync('umount', [mountPoint], { stdio: 'ignore' });
    } catch {
      // Something still holds a file there (a process that did not stop): detach it now, free it when it exits.
      execFileSync('umount', ['-l', mountPoint], { stdio: 'ignore' });
    }
    rmSync(image, { force: true });
  };
  process.on('exit', unmount);
  return {
    mountPoint,
    fill() {
      const fd = openSync(filler, 'a');
      let written = 0;
      try {
        // Big blocks first, then ever smaller ones, so the last few kilobytes go too.
        for (const size of [1 << 20, 64 << 10, 4 << 10, 512]) {
          const block = Buffer.alloc(size);
          for (;;) {
            try {
              written += writeSync(fd, block);
            } catch (error) {
              if ((error as NodeJS.ErrnoException).code === 'ENOSPC') break;
              throw error;
            }
          }
        }
      } finally {
        closeSync(fd);
      }
      return written;
    },
    free: () => rmSync(filler, { force: true }),
    freeBytes: () => {
      const s = statfsSync(mountPoint);
      return s.bavail * s.bsize;
    },
    unmount,
  };
}
