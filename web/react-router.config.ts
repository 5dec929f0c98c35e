import type { Config } from "@react-router/dev/config";

// SPA mode: the build pre-renders the root route into build/client/index.html, which the API
// serves for every non-API path; all data loading happens in clientLoader/clientAction.
export default {
  appDirectory: "app",
  ssr: false,
} satisfies Config;
