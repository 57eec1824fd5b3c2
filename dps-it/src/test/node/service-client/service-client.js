// Drives OpenDPS with the official npm DPS service client, unmodified: the test passes the server's port, CA
// and connection string in the environment; the script prints one JSON line of findings, and exits non-zero on
// the first unexpected outcome.
'use strict';
const fs = require('fs');
const https = require('https');
const { SharedAccessSignature, ConnectionString, anHourFromNow } = require('azure-iot-common');
const { RestApiClient } = require('azure-iot-http-base');
const { ProvisioningServiceClient } = require('azure-iot-provisioning-service');

const port = Number(process.env.OPENDPS_PORT);
const ca = fs.readFileSync(process.env.OPENDPS_CA);
const cs = ConnectionString.parse(process.env.OPENDPS_CONNECTION_STRING);

// The client takes no port from the connection string; its README's way to reach another port is an agent.
const config = {
  host: cs.HostName,
  sharedAccessSignature: SharedAccessSignature.create(cs.HostName, cs.SharedAccessKeyName, cs.SharedAccessKey,
    anHourFromNow()),
};
const rest = new RestApiClient(config, 'azure-iot-provisioning-service/1.11.2');
rest.setOptions({ http: { agent: new https.Agent({ ca, port }) } });
const client = new ProvisioningServiceClient(config, rest);

function check(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

async function expectError(promise, name) {
  try {
    await promise;
  } catch (err) {
    check(err.name === name || err.constructor.name === name, `expected ${name}, got ${err.name}: ${err.message}`);
    return err.name;
  }
  throw new Error(`expected ${name}, got success`);
}

// The promise form of Query.next() drops the stored continuation token (it reads its missing first argument as
// the token), so pages are read through the callback form, which is how the SDK's own samples page.
function nextPage(query) {
  return new Promise((resolve, reject) => query.next((err, result) => (err ? reject(err) : resolve(result))));
}

async function main() {
  const findings = {};
  const id = 'node:device-1';   // the colon travels as %3A: Node encodes ids, Java does not
  const created = await client.createOrUpdateIndividualEnrollment({
    registrationId: id,
    attestation: { type: 'symmetricKey', symmetricKey: { primaryKey: '', secondaryKey: '' } },
    initialTwin: { tags: { line: 4 }, properties: { desired: { interval: 30 } } },
  });
  check(created.responseBody.registrationId === id, 'created id');
  check(created.responseBody.etag && created.responseBody.etag.startsWith('"'), 'quoted etag');
  findings.created = created.responseBody.registrationId;

  const keys = await client.getIndividualEnrollmentAttestationMechanism(id);
  check(keys.responseBody.symmetricKey.primaryKey.length > 0, 'generated primary key');
  const read = await client.getIndividualEnrollment(id);
  check(!read.responseBody.attestation.symmetricKey, 'GET hides the keys');
  check(read.responseBody.initialTwin.properties.desired.interval === 30, 'initial twin round trip');

  const update = Object.assign({}, read.responseBody, { provisioningStatus: 'disabled' });
  const updated = await client.createOrUpdateIndividualEnrollment(update);
  check(updated.responseBody.provisioningStatus === 'disabled', 'updated');
  findings.staleEtag = await expectError(client.createOrUpdateIndividualEnrollment(update), 'InvalidEtagError');
  findings.conflict = await expectError(client.createOrUpdateIndividualEnrollment({
    registrationId: id, attestation: { type: 'symmetricKey' } }), 'DeviceAlreadyExistsError');

  await client.createOrUpdateEnrollmentGroup({
    enrollmentGroupId: 'node-group', attestation: { type: 'symmetricKey', symmetricKey: {} } });
  const groupKeys = await client.getEnrollmentGroupAttestationMechanism('node-group'); // a lower-case path
  check(groupKeys.responseBody.symmetricKey.secondaryKey.length > 0, 'group keys');

  for (let i = 0; i < 7; i++) {
    await client.createOrUpdateIndividualEnrollment({
      registrationId: `node-page-${i}`, attestation: { type: 'symmetricKey' } });
  }
  const query = client.createIndividualEnrollmentQuery({ query: 'SELECT * FROM enrollments' }, 3);
  const seen = [];
  let pages = 0;
  while (query.hasMoreResults) {
    const page = await nextPage(query);
    pages++;
    page.forEach((e) => seen.push(e.registrationId));
    check(pages < 20, `query ends (seen ${seen.length}, token ${query.continuationToken})`);
  }
  check(seen.filter((s) => s.startsWith('node-page-')).length === 7, `query saw ${seen}`);
  findings.pages = pages;

  // runBulkEnrollmentOperation answers only through its callback: its promise never settles without one.
  const bulk = await new Promise((resolve, reject) => client.runBulkEnrollmentOperation({ mode: 'delete',
    enrollments: [{ registrationId: 'node-page-0' }, { registrationId: 'node-page-1' }] },
  (err, result) => (err ? reject(err) : resolve(result))));
  check(bulk.isSuccessful === true && bulk.errors.length === 0, `bulk delete: ${JSON.stringify(bulk)}`);

  findings.registrationNotFound = await expectError(client.getDeviceRegistrationState(id), 'Error');
  await client.deleteIndividualEnrollment(id);
  await client.deleteEnrollmentGroup('node-group');
  await expectError(client.getIndividualEnrollment(id), 'Error');
  findings.ok = true;
  process.stdout.write(JSON.stringify(findings) + '\n');
}

// A promise that never settles would let Node exit with 0 and no output; the test requires the final line.
main().catch((err) => {
  process.stderr.write(`FAILED: ${err.stack || err}\n`);
  process.exit(1);
});
