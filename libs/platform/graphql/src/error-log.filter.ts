import { ArgumentsHost, Catch } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { GraphQLError } from 'graphql';
import { logger } from '@sc/logging';
import { PASS_THROUGH_CODES } from './format-error';

const log = logger('graphql');

/**
 * Logs what a resolver threw at the level it deserves. A business refusal (an error with a client code:
 * NOT_FOUND, INVALID_TRANSITION, …) is an expected answer: one INFO line with its code, no stack trace.
 * Anything else is left to formatGraphQLError, which logs it once at ERROR with its stack. Either way the
 * error goes back to graphql-js unchanged (a returned Error becomes the field's error). Without this
 * filter Nest's exception handler logs every refusal at ERROR with a full stack.
 */
@Catch()
export class ErrorLogFilter extends BaseExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType<string>() !== 'graphql') return super.catch(exception, host);
    const code = exception instanceof GraphQLError ? exception.extensions?.code : undefined;
    if (typeof code === 'string' && PASS_THROUGH_CODES.has(code)) log.info({ code }, exception instanceof Error ? exception.message : 'refused');
    return exception instanceof Error ? exception : new Error(String(exception));
  }
}
