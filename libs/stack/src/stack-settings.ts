import { SubgraphName } from './topology';

/** Everything needed to run the subgraphs and the gateway against one PostgreSQL server and one Kafka. */
export interface StackSettings {
  /** Any URL of the PostgreSQL server; the database name is replaced per service. */
  postgresUrl: string;
  /** Databases are `<databasePrefix>_<service>`. */
  databasePrefix: string;
  kafkaBrokers: string;
  topicPrefix: string;
  internalSigningSecret: string;
  authJwtSecret: string;
  ports: Record<SubgraphName | 'gateway', number>;
  logDir: string;
  exposeSqlStatementCount?: boolean;
  /** Extra environment for every process (e.g. NODE_ENV). */
  env?: Record<string, string>;
  /** Extra node options for the gateway process (e.g. --cpu-prof, which NODE_OPTIONS does not allow). */
  gatewayNodeArgs?: string[];
}
