import { REMINDER_SETTINGS_ROUTE } from "@partnergraph/contracts";
import { InternalRoutes, serveRoute } from "@partnergraph/kit";
import { DataSource } from "typeorm";
import { leadTimesOf } from "./reminder-settings.service";

const MAX_ORGANIZATIONS = 1000;

/** The scanners of entitlements and connections ask the lead times of the organizations whose items end soon. */
export function reminderSettingsRoutes(dataSource: DataSource): InternalRoutes {
  return serveRoute(REMINDER_SETTINGS_ROUTE, async ({ organizationIds }) => {
    const ids = [...new Set((Array.isArray(organizationIds) ? organizationIds : []).map(String))].slice(
      0,
      MAX_ORGANIZATIONS,
    );
    return { settings: Object.fromEntries(await leadTimesOf(dataSource, ids)) };
  });
}
