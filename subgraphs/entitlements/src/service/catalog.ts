import { DataSource } from "typeorm";
import { Service } from "./service.entity";

/** The vendor's catalog: reference data, kept in step on every start. */
export const CATALOG: Service[] = [
  { code: "SDWAN", name: "SD-WAN Orchestrator", trialDays: 30, resellable: true, licenseUnit: "SITE" },
  { code: "VAD", name: "Virtual Apps and Desktops", trialDays: 30, resellable: true, licenseUnit: "USER" },
  { code: "SPA", name: "Secure Private Access", trialDays: 30, resellable: true, licenseUnit: "USER" },
  { code: "ANALYTICS", name: "Analytics", trialDays: 14, resellable: true, licenseUnit: "USER" },
  { code: "ENDPOINT", name: "Endpoint Management", trialDays: 30, resellable: true, licenseUnit: "DEVICE" },
  { code: "WORKSPACE", name: "Workspace", trialDays: 30, resellable: true, licenseUnit: "USER" },
  { code: "CONTENT", name: "Content Collaboration", trialDays: 30, resellable: false, licenseUnit: "USER" },
];

export async function ensureCatalog(dataSource: DataSource): Promise<void> {
  await dataSource.getRepository(Service).save(CATALOG.map((service) => Object.assign(new Service(), service)));
}
