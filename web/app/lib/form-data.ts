/** Reads a text field from submitted form data; missing fields and file inputs read as "". */
export function readText(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
}
