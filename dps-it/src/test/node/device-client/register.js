// Registers one symmetric-key device with OpenDPS through the official npm DPS device client, unmodified, over
// MQTT or MQTT over WebSocket. The test passes everything in the environment (the CA through
// NODE_EXTRA_CA_CERTS); the script prints the registration result as one JSON line, or exits non-zero with the
// client's error.
'use strict';
const { ProvisioningDeviceClient } = require('azure-iot-provisioning-device');
const { Mqtt, MqttWs } = require('azure-iot-provisioning-device-mqtt');
const { SymmetricKeySecurityClient } = require('azure-iot-security-symmetric-key');

const env = process.env;
// Mqtt dials mqtts://{host}, so a port may follow the host; MqttWs always dials wss://{host}:443/$iothub/websocket.
const transport = env.OPENDPS_TRANSPORT === 'MqttWs' ? new MqttWs() : new Mqtt();
const security = new SymmetricKeySecurityClient(env.OPENDPS_REGISTRATION_ID, env.OPENDPS_KEY);
const client = ProvisioningDeviceClient.create(env.OPENDPS_HOST, env.OPENDPS_ID_SCOPE, transport, security);
client.setProvisioningPayload({ modelId: 'dtmi:opendps:node;1' });

client.register((err, result) => {
  if (err) {
    console.error(`registration failed: ${err.name}: ${err.message}`);
    process.exit(1);
  }
  console.log(JSON.stringify(result));
});
