import "@testing-library/jest-dom/vitest";
import { cleanup } from "@testing-library/react";
import { afterEach, beforeAll } from "vitest";

import { client } from "~/client/client.gen";
import { forgetSession } from "~/utils/session";

beforeAll(() => {
  // Browsers resolve the client's relative URLs against the page; Node's Request needs a base.
  client.setConfig({ baseUrl: location.origin });
});

afterEach(() => {
  cleanup();
  forgetSession();
  for (const pair of document.cookie.split(";")) {
    const name = pair.split("=")[0]?.trim();
    if (name) document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`;
  }
});
