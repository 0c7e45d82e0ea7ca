package com.example.signin.desktop.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class OsColorSchemeTest {

    @Test
    void gnomeDarkAndLightAreRead() {
        assertThat(OsColorScheme.parseGnome("'prefer-dark'\n")).contains(true);
        assertThat(OsColorScheme.parseGnome("'default'\n")).contains(false);
        assertThat(OsColorScheme.parseGnome("No such key “color-scheme”")).isEqualTo(Optional.empty());
    }

    @Test
    void windowsRegistryValueIsRead() {
        String dark = "\r\nHKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize\r\n"
                + "    AppsUseLightTheme    REG_DWORD    0x0\r\n";
        assertThat(OsColorScheme.parseWindows(dark)).contains(true);
        assertThat(OsColorScheme.parseWindows(dark.replace("0x0", "0x1"))).contains(false);
        assertThat(OsColorScheme.parseWindows("ERROR: not found")).isEmpty();
    }
}
