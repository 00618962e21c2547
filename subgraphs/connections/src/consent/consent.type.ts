import { DATA_AREAS, DataArea } from "@partnergraph/kit";
import { Field, ObjectType, registerEnumType } from "type-graphql";
import { ValueTransformer } from "typeorm";

/** DATA_AREAS as the enum object type-graphql registers. */
export const DataAreaEnum = Object.fromEntries(DATA_AREAS.map((area) => [area, area])) as { [A in DataArea]: A };
registerEnumType(DataAreaEnum, {
  name: "DataArea",
  description: "An area of a customer's data that its consent may share with a connected partner",
});

/** Stored as "ORDERS,TRIALS" (fixed order, no duplicates); every area is the default of a new connection. */
export const ALL_AREAS = DATA_AREAS.join(",");
export const areasColumn: ValueTransformer = {
  to: (areas: DataArea[] | undefined) => (areas === undefined ? undefined : normalizeAreas(areas).join(",")),
  // TypeORM hands back what it wrote (an array) after an insert, and the column's text after a read.
  from: (stored: string | DataArea[] | null) =>
    Array.isArray(stored) ? stored : stored ? (stored.split(",") as DataArea[]) : [],
};

/** The areas in DATA_AREAS's order, each once. */
export const normalizeAreas = (areas: readonly DataArea[]): DataArea[] => DATA_AREAS.filter((a) => areas.includes(a));

/** What a consent shares at `now`: nothing once its `until` is reached. */
export function sharedAreas(consent: { consentAreas: DataArea[]; consentUntil: Date | null }, now = new Date()) {
  // On MySQL, TypeORM re-reads a column with a default after an insert and hands back its raw text: read it as the
  // column's transformer does.
  const areas = areasColumn.from(consent.consentAreas) as DataArea[];
  return consent.consentUntil && consent.consentUntil <= now ? [] : areas;
}

@ObjectType({ description: "What a customer shares with a connected partner, and until when" })
export class Consent {
  @Field(() => [DataAreaEnum], { description: "The areas the partner sees now (none once `until` is reached)" })
  areas: DataArea[];

  @Field(() => Date, { nullable: true, description: "When the consent ends (null: no end)" })
  until: Date | null;
}
