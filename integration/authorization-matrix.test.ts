import { apiSchema, loadMatrix, matrixRows, objectFields } from "./tenancy/matrix";

/** schema/authorization.yaml must say who may read every field clients can ask for, and nothing else. */
describe("the authorization matrix (schema/authorization.yaml)", () => {
  const matrix = loadMatrix();
  const fields = objectFields(apiSchema());
  const rows = matrixRows(matrix);

  it("has a row for every field of the API schema (add one for a new field)", () => {
    expect(fields.filter((field) => !rows.includes(field))).toEqual([]);
  });

  it("has no row for a field the API schema no longer has (remove it)", () => {
    expect(rows.filter((row) => !fields.includes(row))).toEqual([]);
  });

  it("names in every row at least one audience, each defined under audiences", () => {
    const defined = Object.keys(matrix.audiences);
    const bad = Object.entries(matrix.fields).flatMap(([type, typeFields]) =>
      Object.entries(typeFields)
        .filter(
          ([, audiences]) =>
            !Array.isArray(audiences) || !audiences.length || audiences.some((a) => !defined.includes(a)),
        )
        .map(([field, audiences]) => `${type}.${field}: ${JSON.stringify(audiences)}`),
    );
    expect(bad).toEqual([]);
  });
});
