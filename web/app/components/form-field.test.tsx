import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { FormField } from "./form-field";
import { Input } from "./ui/input";

function renderField(props: { error?: string; hint?: string; maxLength?: number }) {
  render(
    <FormField label="Title" {...props}>
      {(control) => <Input {...control} name="title" />}
    </FormField>,
  );
  return screen.getByLabelText("Title");
}

describe("FormField", () => {
  it("describes the control with its hint", () => {
    const input = renderField({ hint: "At least 8 characters." });
    expect(input).toHaveAccessibleDescription("At least 8 characters.");
    expect(input).toHaveAttribute("aria-invalid", "false");
  });

  it("shows an error in place of the hint, so a rule is said once", () => {
    const input = renderField({
      hint: "At least 8 characters.",
      error: "Must be at least 8 characters",
    });
    expect(input).toHaveAccessibleDescription("Must be at least 8 characters");
    expect(input).toHaveAttribute("aria-invalid", "true");
    expect(screen.queryByText("At least 8 characters.")).not.toBeInTheDocument();
  });

  it("keeps text longer than the limit and says it is too long", () => {
    const input = renderField({ maxLength: 200 });
    const pasted = "x".repeat(10_000);
    fireEvent.input(input, { target: { value: pasted } });
    expect(input).toHaveValue(pasted);
    expect(input).toHaveAttribute("aria-invalid", "true");
    expect(input).toHaveAccessibleDescription("Too long: 10,000 characters, the limit is 200.");

    fireEvent.input(input, { target: { value: "x".repeat(200) } });
    expect(input).toHaveAttribute("aria-invalid", "false");
    expect(input).not.toHaveAccessibleDescription();
  });
});
