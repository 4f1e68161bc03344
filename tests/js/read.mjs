// What the AWS SDK for JavaScript v3 reads from pairs of AWS config and credentials files,
// through its own loader (npm @smithy/shared-ini-file-loader).
//
// Reads JSON lines on standard input, {"id": ..., "dir": ...}, where the folder holds `config`
// and `credentials`, and prints one JSON line per case: {"id": ..., "profiles": ...,
// "sso_sessions": ..., "services": ...}: the profiles as `parseKnownFiles` merges them (without
// its `sso-session.` and `services.` entries), the sso-sessions as `loadSsoSessionData` reads
// them, and the services sections of the config file.
import { createRequire } from "node:module";
import { createInterface } from "node:readline";
import { join } from "node:path";

const require = createRequire(join(process.argv[2], "package.json"));
const loader = require("@smithy/shared-ini-file-loader");

const plain = (object) => JSON.parse(JSON.stringify(object ?? {}));

async function read(dir) {
  const init = {
    configFilepath: join(dir, "config"),
    filepath: join(dir, "credentials"),
    ignoreCache: true,
  };
  const { configFile } = await loader.loadSharedConfigFiles(init);
  const services = {};
  for (const [key, values] of Object.entries(plain(configFile))) {
    if (key.startsWith("services.")) services[key.slice("services.".length)] = values;
  }
  const merged = plain(await loader.parseKnownFiles(init));
  const profiles = {};
  for (const [key, values] of Object.entries(merged)) {
    if (!key.startsWith("sso-session.") && !key.startsWith("services.")) profiles[key] = values;
  }
  const sso_sessions = plain(
    await loader.loadSsoSessionData({ configFilepath: init.configFilepath, ignoreCache: true }),
  );
  return { profiles, sso_sessions, services };
}

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  const request = JSON.parse(line);
  let result;
  try {
    result = await read(request.dir);
  } catch (error) {
    result = { crash: String(error) };
  }
  result.id = request.id;
  process.stdout.write(JSON.stringify(result) + "\n");
}
