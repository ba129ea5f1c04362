// Cross-check for tests/identity/tst_jwt_conformance: jsonwebtoken (pinned here, the library
// PostGraphile v4 uses) verifies the tokens Refract signed and signs the same claims for Refract to
// verify. Input: a JSON file {"now": secs, "cases": [{id, alg, token, verifyKey, signKey, claims,
// audience?, algorithms?, leeway?}]}; output on stdout: [{id, verified: claims | null, error, signed}].
'use strict';
const fs = require('fs');
const path = require('path');
const jwt = require(path.join(__dirname, 'node_modules', 'jsonwebtoken'));

const input = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const out = input.cases.map((c) => {
  const r = { id: c.id, verified: null, error: null, signed: null, signError: null };
  if (c.token !== undefined) {
    const options = { clockTimestamp: input.now };
    if (c.audience) options.audience = c.audience;
    if (c.algorithms) options.algorithms = c.algorithms;
    if (c.leeway) options.clockTolerance = c.leeway;
    try {
      r.verified = jwt.verify(c.token, c.verifyKey, options);
    } catch (e) {
      r.error = e.message;
    }
  }
  if (c.signKey !== undefined && c.claims !== undefined) {
    try {
      r.signed = jwt.sign(c.claims, c.signKey, { algorithm: c.alg, noTimestamp: true });
    } catch (e) {
      r.signError = e.message;
    }
  }
  return r;
});
process.stdout.write(JSON.stringify(out));
