# Chromium, for the link page in a real browser (local-backend LinkPageTest, backend-cdk
# LinkPageInChromiumTest); the tests run the `chromium` first on PATH with `--headless --dump-dom`.
# 132 or newer: from 132 on `--headless` is the new headless mode (the old one left the chromium
# binary), the one those tests are run with (Debian 12's security updates bring 156).
chromium_min=132
at_least "$(tool_version chromium)" "$chromium_min" || apt_install "chromium>=$chromium_min"
at_least "$(tool_version chromium)" "$chromium_min" \
  || setup_fail "$(tool_problem chromium "$chromium_min"); Debian's is /usr/bin/chromium"
