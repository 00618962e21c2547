import react from "@vitejs/plugin-react";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

// `npm run dev` (hot reload) talks to a running `npm start`: the gateway and sign-in through its portal server.
const stack = process.env.PORTAL_URL ?? "http://localhost:3000";

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: { "@partnergraph/operations": fileURLToPath(new URL("../operations/src/index.ts", import.meta.url)) },
  },
  build: { outDir: "dist", emptyOutDir: true, sourcemap: false, target: "es2022" },
  server: {
    port: 4973,
    proxy: { "/graphql": stack, "/dev/token": stack, "/portal/settings": stack },
  },
});
