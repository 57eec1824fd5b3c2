package org.opendps.it;

import com.microsoft.azure.sdk.iot.provisioning.security.exceptions.SecurityProviderException;
import com.microsoft.azure.sdk.iot.provisioning.security.hsm.SecurityProviderTPMHsm;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import javax.net.ssl.SSLContext;
import org.opendps.testsupport.tpm.Swtpm;
import sun.misc.Unsafe;
import tss.Tpm;
import tss.TpmDeviceTcp;
import tss.tpm.TPML_HANDLE;
import tss.tpm.TPM_CAP;
import tss.tpm.TPM_HANDLE;
import tss.tpm.TPM_HT;
import tss.tpm.TPM_RH;
import tss.tpm.TPMT_PUBLIC;

/**
 * The official Java TPM provider ({@code tpm-provider} 2.0.1), unmodified, on swtpm. Its constructor takes the TPM
 * from TSS.Java's {@code TpmFactory.platformTpm()}, which on Linux knows only {@code /dev/tpmrm0} and
 * {@code /dev/tpm0} and returns null without them. So the instance is made without running that constructor and
 * given what it would have set: a TSS.Java connection to the simulator, and the EK and SRK from the provider's own
 * private {@code createPersistentPrimary} (its templates, its persistent handles). Every other step, from parsing
 * the authentication key blob to signing SAS tokens, is the provider's own code. The SSL context is the one place
 * the provisioning client lets a test trust our CA.
 */
final class SwtpmSecurityProvider extends SecurityProviderTPMHsm {
    private SSLContext sslContext;

    private SwtpmSecurityProvider() throws SecurityProviderException {
        super(); // never called: see connect
    }

    static SwtpmSecurityProvider connect(Swtpm swtpm, SSLContext sslContext) throws Exception {
        TpmDeviceTcp device = new TpmDeviceTcp("127.0.0.1", swtpm.port());
        if (!device.connect()) {
            throw new IllegalStateException("cannot reach swtpm on port " + swtpm.port());
        }
        Tpm tpm = new Tpm();
        tpm._setDevice(device);
        SwtpmSecurityProvider provider = (SwtpmSecurityProvider) unsafe().allocateInstance(SwtpmSecurityProvider.class);
        provider.sslContext = sslContext;
        set(provider, "tpm", tpm);
        set(provider, "ekPublic", createPersistentPrimary(provider, tpm, "EK"));
        set(provider, "srkPublic", createPersistentPrimary(provider, tpm, "SRK"));
        return provider;
    }

    /**
     * The provider's own activation, then what the kernel's resource manager does when a process's connection to
     * {@code /dev/tpmrm0} ends: flush the sessions left loaded. The provider leaves its policy session behind when
     * activation fails, and the TPM holds only a few; on one long-lived simulator connection they would run out.
     */
    @Override
    public byte[] activateIdentityKey(byte[] key) throws SecurityProviderException {
        try {
            return super.activateIdentityKey(key);
        } finally {
            flushLoadedSessions();
        }
    }

    private void flushLoadedSessions() {
        try {
            Tpm tpm = (Tpm) field("tpm").get(this);
            TPML_HANDLE sessions = (TPML_HANDLE) tpm.GetCapability(TPM_CAP.HANDLES,
                    TPM_HT.LOADED_SESSION.toInt() << 24, 64).capabilityData;
            for (TPM_HANDLE session : sessions.handle) {
                tpm.FlushContext(session);
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public SSLContext getSSLContext() throws SecurityProviderException {
        return sslContext != null ? sslContext : super.getSSLContext();
    }

    private static TPMT_PUBLIC createPersistentPrimary(SecurityProviderTPMHsm provider, Tpm tpm, String key)
            throws Exception {
        Method create = SecurityProviderTPMHsm.class.getDeclaredMethod("createPersistentPrimary", Tpm.class,
                TPM_HANDLE.class, TPM_RH.class, TPMT_PUBLIC.class, String.class);
        create.setAccessible(true);
        return (TPMT_PUBLIC) create.invoke(provider, tpm, constant(key + "_PERSISTENT_HANDLE"), TPM_RH.OWNER,
                constant(key + "_TEMPLATE"), key);
    }

    private static Object constant(String name) throws Exception {
        Field field = SecurityProviderTPMHsm.class.getDeclaredField(name);
        field.setAccessible(true);
        return field.get(null);
    }

    private static void set(Object target, String name, Object value) throws Exception {
        field(name).set(target, value);
    }

    private static Field field(String name) throws NoSuchFieldException {
        Field field = SecurityProviderTPMHsm.class.getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }

    private static Unsafe unsafe() throws Exception {
        Field field = Unsafe.class.getDeclaredField("theUnsafe");
        field.setAccessible(true);
        return (Unsafe) field.get(null);
    }
}
