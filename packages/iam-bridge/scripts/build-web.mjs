#!/usr/bin/env node
// Builds the web page into packages/iam-bridge/web; there is no page yet, so it does nothing.
