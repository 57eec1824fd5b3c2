package org.opendps.core.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConstantTimeTest {
    @Test
    void equal_only_for_the_same_bytes() {
        assertThat(ConstantTime.equal("c2lnbmF0dXJl", "c2lnbmF0dXJl")).isTrue();
        assertThat(ConstantTime.equal("c2lnbmF0dXJl", "c2lnbmF0dXJm")).isFalse();
        assertThat(ConstantTime.equal("c2lnbmF0dXJl", "c2lnbmF0dXJ")).isFalse();
        assertThat(ConstantTime.equal("", "")).isTrue();
        assertThat(ConstantTime.equal(new byte[] {1, 2}, new byte[] {1, 2})).isTrue();
        assertThat(ConstantTime.equal(new byte[] {1, 2}, new byte[] {1, 3})).isFalse();
    }

    @Test
    void null_is_never_equal_not_even_to_null() {
        assertThat(ConstantTime.equal((String) null, null)).isFalse();
        assertThat(ConstantTime.equal("a", null)).isFalse();
        assertThat(ConstantTime.equal(null, new byte[0])).isFalse();
    }
}
