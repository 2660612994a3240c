/**
 * The component SDK. Component packages import it as "@junction/sdk"; the installer's esbuild
 * resolves that name to this file and bundles it into the package (see docs/components.md).
 */
export { component, COMPONENT_KIND, type ComponentDefinition, type ComponentSpec } from "./component";
export { action, type ActionDefinition, type ActionSpec, type Perform, type PerformResult } from "./action";
export {
  pollingTrigger,
  webhookTrigger,
  type PollResult,
  type PollingTriggerSpec,
  type TriggerDefinition,
  type WebhookTriggerSpec,
} from "./trigger";
export { connection, type ConnectionDefinition, type ConnectionFieldSpec, type ConnectionSpec } from "./connection";
export { input, type Credential, type InputSpec, type InputType, type InputValue, type InputValues } from "./input";
export { InputError } from "./clean-inputs";
export type {
  ActionContext,
  Amqp,
  AmqpConnection,
  AmqpMessage,
  AmqpPublish,
  FetchInit,
  HashAlgorithm,
  HostCrypto,
  MailAttachment,
  MailMessage,
  Redis,
  RedisConnection,
  Smtp,
  SmtpConnection,
  Sql,
  SqlConnection,
  SqlResult,
  TlsSetting,
  HeadersInit,
  Logger,
  SandboxHeaders,
  SandboxResponse,
  Sftp,
  SftpConnection,
  SftpEntry,
  State,
  StateScope,
  LogLevel,
} from "./context";
