import { randomBytes } from "node:crypto";

/** 200 customers to add, every 20th one (10 in all) bad in one of its fields. */
export function customersToAdd(count = 200) {
  const bad: Record<number, [string, string]> = {};
  const customers = Array.from({ length: count }, (_, i) => {
    const customer = {
      name: `Bulk Customer ${i} ${randomBytes(3).toString("hex")}`,
      country: "DE",
      adminEmail: `bulk-${i}-${randomBytes(4).toString("hex")}@test.example`,
      adminName: `Admin ${i}`,
    };
    if (i % 20 === 7) {
      const [field, value] = (
        [
          ["adminEmail", "not-an-email"],
          ["country", "XX"],
          ["name", "   "],
        ] as const
      )[((i / 20) % 3) | 0];
      customer[field] = value;
      bad[i] = [field, value];
    }
    return customer;
  });
  return { customers, bad };
}
