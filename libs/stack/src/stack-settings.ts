import type { SigningKey } from '@sc/auth';
import { SubgraphName } from './topology';

/** Everything needed to run the subgraphs and the gateway against one PostgreSQL server and one Kafka. */
export interface StackSettings {
  /** Any URL of the PostgreSQL server; the database name is replaced per service. */
  postgresUrl: string;
  /** Databases are `<databasePrefix>_<service>`. */
  databasePrefix: string;
  kafkaBrokers: string;
  topicPrefix: string;
  /**
   * The client token issuer's private key (the demo's, or a test's): what `callGateway` and the printed tokens
   * sign with. The gateway verifies with its public half, from {@link clientJwksFile}.
   */
  clientTokenKey: SigningKey;
  /** The gateway's JWKS file (AUTH_JWKS_FILE), written at its start with the public half of clientTokenKey. */
  clientJwksFile: string;
  /** The gateway's internal-context signing key (INTERNAL_SIGNING_KEY); subgraphs get only its public half. */
  internalSigningKey: SigningKey;
  ports: Record<SubgraphName | 'gateway', number>;
  logDir: string;
  exposeSqlStatementCount?: boolean;
  /** Extra environment for every process (e.g. NODE_ENV). */
  env?: Record<string, string>;
  /** Extra node options for the gateway process (e.g. --cpu-prof, which NODE_OPTIONS does not allow). */
  gatewayNodeArgs?: string[];
}
