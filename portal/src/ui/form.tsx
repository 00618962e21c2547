import { createContext, InputHTMLAttributes, ReactNode, useContext, useState } from "react";
import type { CombinedError } from "urql";
import { apiErrors, ErrorNote, fieldError } from "../errors";
import { Field, Select } from "./field";

type Values = Record<string, unknown>;

export interface FormState<T extends Values> {
  values: T;
  set: <K extends keyof T>(key: K, value: T[K]) => void;
  reset: () => void;
}

/** A form's values, keyed by the name the API gives each field (so its BAD_USER_INPUT lands beside that field). */
export function useFormState<T extends Values>(initial: T): FormState<T> {
  const [values, setValues] = useState(initial);
  return {
    values,
    set: (key, value) => setValues((before) => ({ ...before, [key]: value })),
    reset: () => setValues(initial),
  };
}

interface FormContext {
  values: Values;
  set: (key: string, value: unknown) => void;
  error: CombinedError | undefined;
}

const Context = createContext<FormContext | null>(null);

/** What an input shows for a value of the form (fields hold text; other values have inputs of the page's own). */
const asText = (value: unknown) => (typeof value === "string" ? value : "");

function useFormContext(): FormContext {
  const context = useContext(Context);
  if (!context) throw new Error("A form field is used outside a MutationForm");
  return context;
}

/** The API's complaint about one field of the surrounding form (BAD_USER_INPUT naming it), for inputs of a page's own. */
export function useFieldError(name: string): string | undefined {
  return fieldError(useFormContext().error, name);
}

/** An error shown beside a field is not repeated above the button. */
function placedBesideField(error: { code?: string; field?: string }, values: Values): boolean {
  const field = error.field?.split(".").pop();
  return error.code === "BAD_USER_INPUT" && field !== undefined && field in values;
}

/**
 * A form that runs one mutation: its fields (FormField, FormSelect) read and write the form's values and show the
 * API's complaint about them; any other error is said above the button, what was done below it (`done`, once the
 * mutation answered), and the button is busy while the mutation runs.
 */
export function MutationForm<T extends Values>(props: {
  form: FormState<T>;
  result: { error?: CombinedError; fetching: boolean };
  /** The form's accessible name. */
  label: string;
  heading?: ReactNode;
  submitLabel: string;
  onSubmit: () => void;
  done?: ReactNode;
  /** Further reasons the button cannot be pressed yet (nothing chosen). */
  disabled?: boolean;
  className?: string;
  children: ReactNode;
}) {
  const { form, result } = props;
  const unplaced = apiErrors(result.error).some((error) => !placedBesideField(error, form.values));
  const context: FormContext = {
    values: form.values,
    set: form.set as FormContext["set"],
    error: result.error,
  };
  return (
    <Context.Provider value={context}>
      <form
        className={props.className ?? "card stack"}
        aria-label={props.label}
        aria-busy={result.fetching || undefined}
        onSubmit={(event) => {
          event.preventDefault();
          props.onSubmit();
        }}
      >
        {props.heading}
        {props.children}
        {unplaced && <ErrorNote error={result.error} />}
        {props.done && (
          <p className="note ok" role="status">
            {props.done}
          </p>
        )}
        <button type="submit" className="primary" disabled={result.fetching || props.disabled}>
          {props.submitLabel}
        </button>
      </form>
    </Context.Provider>
  );
}

/** A labelled input bound to the form's value `name`, with the API's complaint about that field below it. */
export function FormField({
  name,
  ...input
}: Omit<InputHTMLAttributes<HTMLInputElement>, "value" | "onChange" | "name"> & {
  name: string;
  label: string;
  hint?: string;
}) {
  const { values, set, error } = useFormContext();
  return (
    <Field
      {...input}
      value={asText(values[name])}
      onChange={(e) => set(name, e.target.value)}
      error={fieldError(error, name)}
    />
  );
}

/** A labelled choice bound to the form's value `name`; `fallback` is shown chosen while the form holds none. */
export function FormSelect({
  name,
  label,
  options,
  fallback = "",
}: {
  name: string;
  label: string;
  options: { value: string; label: string }[];
  fallback?: string;
}) {
  const { values, set, error } = useFormContext();
  const complaint = fieldError(error, name);
  return (
    <>
      <Select
        label={label}
        value={asText(values[name]) || fallback}
        onChange={(value) => set(name, value)}
        options={options}
      />
      {complaint && <p className="field-error">{complaint}</p>}
    </>
  );
}
