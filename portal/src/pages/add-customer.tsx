import { AddCustomerDocument } from "@partnergraph/operations";
import { useMutation } from "urql";
import { Link } from "../router";
import { PageTitle } from "../ui/basics";
import { FormField, MutationForm, useFormState } from "../ui/form";

/** A partner onboards a customer that has no account yet: organization, its administrator's invitation, connection. */
export function AddCustomer() {
  const form = useFormState({ name: "", country: "", adminEmail: "", adminName: "" });
  const [result, add] = useMutation(AddCustomerDocument);
  const submit = () => void add({ input: form.values });
  return (
    <>
      <PageTitle>Add a customer</PageTitle>
      {result.data ? (
        <section className="card">
          <p className="note ok" role="status">
            {result.data.addCustomer.customer.name} is added and connected; {form.values.adminEmail} is invited to
            administer it.
          </p>
          <Link href="/dashboard">Back to customers</Link>
        </section>
      ) : (
        <MutationForm form={form} result={result} label="Add a customer" submitLabel="Add customer" onSubmit={submit}>
          <FormField name="name" label="Organization name" required />
          <FormField name="country" label="Country (two letters)" required maxLength={2} />
          <FormField name="adminName" label="Administrator's name" required />
          <FormField name="adminEmail" label="Administrator's email" type="email" required />
        </MutationForm>
      )}
    </>
  );
}
