"""The screens the browser tests read the site on, defined once for every test.

Each is a set of Playwright context options (`browser.new_context(**PHONE)`). A scale factor of
1 makes a screenshot's pixels CSS pixels, which the tests that sample screenshots count on.
"""

from __future__ import annotations

# The devices readers were tried at (issue 18): a phone read by touch, a laptop by keyboard
# and mouse.
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 1}
LAPTOP = {"viewport": {"width": 1280, "height": 800}, "device_scale_factor": 1}

# Lighthouse's mobile and desktop screens (scripts/bench.py scores the site on them).
LIGHTHOUSE_PHONE = {
    "viewport": {"width": 412, "height": 823},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 1,
}
LIGHTHOUSE_DESKTOP = {"viewport": {"width": 1350, "height": 940}, "device_scale_factor": 1}
