import { DataSource } from "typeorm";
export async function seedEntitlementsDemo(_dataSource: DataSource): Promise<void> {}
