import { describe, expect, it } from "vitest";

import { noteExcerpt, readNoteForm } from "./note-form";

describe("readNoteForm", () => {
  it("reads title and body, defaulting missing fields to empty strings", () => {
    const formData = new FormData();
    formData.set("title", "Groceries");
    expect(readNoteForm(formData)).toEqual({ title: "Groceries", body: "" });
  });
});

describe("noteExcerpt", () => {
  it("collapses spaces and blank lines but keeps line breaks", () => {
    expect(noteExcerpt("  milk \n\n  eggs\t  bread\n")).toBe("milk\neggs bread");
  });

  it("cuts long bodies at a word boundary and marks the cut", () => {
    expect(noteExcerpt("alpha beta gamma delta", 13)).toBe("alpha beta…");
  });

  it("cuts inside a very long word rather than returning almost nothing", () => {
    expect(noteExcerpt("a supercalifragilistic", 10)).toBe("a supercal…");
  });
});
