import { AddCustomerDocument } from "@partnergraph/operations";
import { FormEvent, useState } from "react";
import { useMutation } from "urql";
import { apiErrors, ErrorNote, fieldError } from "../errors";
import { Link } from "../router";
import { PageTitle } from "../ui/basics";
import { Field } from "../ui/field";

/** A partner onboards a customer that has no account yet: organization, its administrator's invitation, connection. */
export function AddCustomer() {
  const [form, setForm] = useState({ name: "", country: "", adminEmail: "", adminName: "" });
  const [result, add] = useMutation(AddCustomerDocument);
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [key]: e.target.value });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void add({ input: form }, { additionalTypenames: ["CustomerDashboardConnection", "Connection"] });
  };
  const unplaced = apiErrors(result.error).some((e) => e.code !== "BAD_USER_INPUT" || !e.field);
  return (
    <>
      <PageTitle>Add a customer</PageTitle>
      {result.data ? (
        <section className="card">
          <p className="note ok" role="status">
            {result.data.addCustomer.customer.name} is added and connected; {form.adminEmail} is invited to administer
            it.
          </p>
          <Link href="/dashboard">Back to customers</Link>
        </section>
      ) : (
        <form className="card stack" onSubmit={submit} aria-label="Add a customer">
          <Field
            label="Organization name"
            required
            value={form.name}
            onChange={set("name")}
            error={fieldError(result.error, "name")}
          />
          <Field
            label="Country (two letters)"
            required
            maxLength={2}
            value={form.country}
            onChange={set("country")}
            error={fieldError(result.error, "country")}
          />
          <Field
            label="Administrator's name"
            required
            value={form.adminName}
            onChange={set("adminName")}
            error={fieldError(result.error, "adminName")}
          />
          <Field
            label="Administrator's email"
            type="email"
            required
            value={form.adminEmail}
            onChange={set("adminEmail")}
            error={fieldError(result.error, "adminEmail")}
          />
          {unplaced && <ErrorNote error={result.error} />}
          <button type="submit" className="primary" disabled={result.fetching}>
            Add customer
          </button>
        </form>
      )}
    </>
  );
}
