// Registers X.509 devices with OpenDPS through the official npm DPS device client over HTTPS, unmodified: the test
// passes the server's port, CA and ID scope, and one good and one expired device (certificate chain and key files),
// in the environment. Prints one JSON line of findings; exits non-zero on the first unexpected outcome.
'use strict';
const fs = require('fs');
const https = require('https');
const { Http: HttpBase } = require('azure-iot-http-base');
const { Http } = require('azure-iot-provisioning-device-http');
const { X509Security } = require('azure-iot-security-x509');
const { ProvisioningDeviceClient } = require('azure-iot-provisioning-device');

const env = process.env;
const ca = fs.readFileSync(env.OPENDPS_CA);

// The transport takes no port; an agent with that default port does (protocol/dps-device.md §7).
function transport() {
  const agent = new https.Agent({ ca });
  agent.defaultPort = Number(env.OPENDPS_PORT);
  const base = new HttpBase();
  base.setOptions({ ca, http: { agent } });
  return new Http(base);
}

function register(prefix) {
  const security = new X509Security(env[prefix + '_ID'], {
    cert: fs.readFileSync(env[prefix + '_CERT'], 'utf8'),
    key: fs.readFileSync(env[prefix + '_KEY'], 'utf8'),
  });
  return ProvisioningDeviceClient.create('localhost', env.OPENDPS_ID_SCOPE, transport(), security).register();
}

async function main() {
  const assigned = await register('DEVICE');
  const state = assigned.registrationState || assigned;
  let expired;
  try {
    await register('EXPIRED');
    expired = 'registered';
  } catch (err) {
    expired = err.name || err.constructor.name;
  }
  console.log(JSON.stringify({ ok: true, assignedHub: state.assignedHub, deviceId: state.deviceId,
    x509: state.x509, expired }));
}

main().catch((err) => {
  console.error(err && err.stack ? err.stack : err);
  process.exit(1);
});
