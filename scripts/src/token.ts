import { devToken } from "./dev-token";

/** `npm run token -- EMAIL`: a development token (HS256, JWT_SECRET) for that person. */
async function main() {
  const email = process.argv[2];
  if (!email || !/^[^@\s]+@[^@\s]+$/.test(email)) {
    console.error("usage: npm run token -- EMAIL   (e.g. carol@adatum.example)");
    process.exit(2);
  }
  process.stdout.write(`${await devToken(email)}\n`);
}

void main();
