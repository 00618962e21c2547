export * from "./seed";
export { partnerGraphCallerPlugin, startHiveGateway } from "./engines/hive";
export type { HiveGatewayOptions, RunningHiveGateway } from "./engines/hive";
