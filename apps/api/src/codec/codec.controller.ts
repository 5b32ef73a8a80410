import { Body, Controller, Headers, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Client } from '@temporalio/client';
import type { Payload, PayloadCodec } from '@temporalio/common';
import type { AppConfig } from '@config/config';
import { codecPayloadsSchema, type CodecPayloads } from '@contracts/codec';
import { DomainError } from '@domain/errors';
import { payloadFromWire, payloadToWire } from '@temporal-lib/payload-wire';
import { Can } from '../auth/allow.decorator';
import { ApiProblems } from '../common/openapi-responses';
import { openApiResponseSchema, openApiSchema } from '../common/openapi-schema';
import { parseBody } from '../common/parse-body';
import { CONFIG, TEMPORAL_CLIENT } from '../tokens';

/**
 * The codec endpoint for the Temporal UI (its "codec server" setting, with "pass access token") and the CLI
 * (`--codec-endpoint`, `--codec-auth`): decrypts history payloads for an administrator, with the very codec the
 * API's Temporal client uses. Anyone else gets 401/403, so reaching Temporal's UI is not enough to read them.
 */
@ApiTags('temporal-codec')
@ApiBearerAuth()
@Controller('temporal-codec')
export class CodecController {
  private readonly codecs: readonly PayloadCodec[];

  constructor(
    @Inject(TEMPORAL_CLIENT) client: Client,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {
    this.codecs = client.options.loadedDataConverter.payloadCodecs;
  }

  @Post('decode')
  @HttpCode(200)
  @Can('decode', 'TemporalPayload')
  @ApiHeader({ name: 'X-Namespace', required: false, description: 'Sent by the Temporal UI; must be ours' })
  @ApiBody({ schema: openApiSchema(codecPayloadsSchema) })
  @ApiOkResponse({
    description: 'The payloads decrypted',
    schema: openApiResponseSchema(codecPayloadsSchema),
  })
  @ApiProblems(400, 401, 403, 413)
  async decode(@Body() body: unknown, @Headers('x-namespace') namespace?: string): Promise<CodecPayloads> {
    let payloads = this.parse(body, namespace);
    // Codecs undo in the reverse of the order they encode (the SDK's own rule for payloadCodecs).
    for (const codec of [...this.codecs].reverse()) payloads = await this.run(() => codec.decode(payloads));
    return { payloads: payloads.map(payloadToWire) };
  }

  @Post('encode')
  @HttpCode(200)
  @Can('encode', 'TemporalPayload')
  @ApiHeader({ name: 'X-Namespace', required: false, description: 'Sent by the Temporal UI; must be ours' })
  @ApiBody({ schema: openApiSchema(codecPayloadsSchema) })
  @ApiOkResponse({
    description: 'The payloads encrypted',
    schema: openApiResponseSchema(codecPayloadsSchema),
  })
  @ApiProblems(400, 401, 403, 413)
  async encode(@Body() body: unknown, @Headers('x-namespace') namespace?: string): Promise<CodecPayloads> {
    let payloads = this.parse(body, namespace);
    for (const codec of this.codecs) payloads = await this.run(() => codec.encode(payloads));
    return { payloads: payloads.map(payloadToWire) };
  }

  private parse(body: unknown, namespace: string | undefined): Payload[] {
    if (namespace !== undefined && namespace !== this.config.temporal.namespace) {
      throw new DomainError('validation_failed', 'This codec serves another namespace', [
        { field: 'X-Namespace', message: `must be ${this.config.temporal.namespace}` },
      ]);
    }
    return parseBody(codecPayloadsSchema, body).payloads.map(payloadFromWire);
  }

  /** A payload under a key we do not hold, or tampered with, is the caller's bad input, not our failure. */
  private async run(step: () => Promise<Payload[]>): Promise<Payload[]> {
    try {
      return await step();
    } catch (e) {
      throw new DomainError('validation_failed', 'A payload cannot be decoded', [
        { field: 'payloads', message: (e as Error).message },
      ]);
    }
  }
}
