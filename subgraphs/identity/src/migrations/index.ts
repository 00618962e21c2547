export const migrations: Function[] = [];
