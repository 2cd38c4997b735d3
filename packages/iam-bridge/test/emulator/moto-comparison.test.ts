// One scenario run, request for request, against moto_server and the emulator. Where moto
// follows AWS the two must answer alike; where moto is looser than AWS (names compared with
// case, DeleteUser with keys or groups left, MaxItems ignored, presigned URLs unchecked, no
// name validation) each step names the AWS behaviour and only the emulator is held to it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';

import {
  motoUnavailable,
  startMoto,
  type MotoServer,
} from '../../../iam/test/support/moto-server.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { call, presignCall, send, xmlText, type Answer } from './http-support.js';

const skip = motoUnavailable();

/** What a step is compared on: status, error code, and the values it picks from the XML. */
interface Outcome {
  status: number;
  code?: string;
  values: Record<string, unknown>;
}

interface Step {
  name: string;
  /** `same`: moto and the emulator must agree; otherwise the AWS outcome the emulator gives. */
  expect: 'same' | { aws: string; outcome: Partial<Outcome> };
  run(url: string): Promise<Outcome>;
}

const document = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'ec2:Describe*', Resource: '*' }],
});

function outcome(answer: Answer, pick: Record<string, (body: string) => unknown> = {}): Outcome {
  const values = Object.fromEntries(
    Object.entries(pick).map(([name, read]) => [name, read(answer.body)]),
  );
  return { status: answer.status, ...(answer.code ? { code: answer.code } : {}), values };
}

const names = (body: string) =>
  [...body.matchAll(/<UserName>([^<]*)<\/UserName>/g)].map((m) => m[1]);
const same = 'same' as const;

const steps: Step[] = [
  {
    name: 'CreateUser alice',
    expect: same,
    run: async (url) =>
      outcome(await call(url, 'CreateUser', { UserName: 'alice', Path: '/team/' }), {
        userName: (body) => xmlText(body, 'UserName'),
        arn: (body) => xmlText(body, 'Arn'),
        path: (body) => xmlText(body, 'Path'),
      }),
  },
  {
    name: 'CreateUser bob, carol, dave',
    expect: same,
    run: async (url) => {
      const answers = [];
      for (const name of ['bob', 'carol', 'dave']) {
        answers.push(await call(url, 'CreateUser', { UserName: name }));
      }
      return { status: Math.max(...answers.map((a) => a.status)), values: {} };
    },
  },
  {
    name: 'CreateUser alice again',
    expect: same,
    run: async (url) => outcome(await call(url, 'CreateUser', { UserName: 'alice' })),
  },
  {
    name: 'GetUser of a missing user',
    expect: same,
    run: async (url) =>
      outcome(await call(url, 'GetUser', { UserName: 'nobody' }), {
        message: (body) => xmlText(body, 'Message'),
      }),
  },
  {
    name: 'PutUserPolicy and GetUserPolicy',
    expect: same,
    run: async (url) => {
      await call(url, 'PutUserPolicy', {
        UserName: 'carol',
        PolicyName: 'ec2',
        PolicyDocument: document,
      });
      const answer = await call(url, 'GetUserPolicy', { UserName: 'carol', PolicyName: 'ec2' });
      return outcome(answer, {
        document: (body) => JSON.parse(decodeURIComponent(xmlText(body, 'PolicyDocument')!)),
      });
    },
  },
  {
    name: 'DeleteUser with an inline policy left',
    expect: same,
    run: async (url) => outcome(await call(url, 'DeleteUser', { UserName: 'carol' })),
  },
  {
    name: 'groups: CreateGroup, AddUserToGroup, ListGroupsForUser',
    expect: same,
    run: async (url) => {
      await call(url, 'CreateGroup', { GroupName: 'ops' });
      await call(url, 'AddUserToGroup', { GroupName: 'ops', UserName: 'bob' });
      return outcome(await call(url, 'ListGroupsForUser', { UserName: 'bob' }), {
        groups: (body) => [...body.matchAll(/<GroupName>([^<]*)</g)].map((m) => m[1]),
      });
    },
  },
  {
    name: 'two access keys, then a third',
    expect: same,
    run: async (url) => {
      await call(url, 'CreateAccessKey', { UserName: 'dave' });
      await call(url, 'CreateAccessKey', { UserName: 'dave' });
      return outcome(await call(url, 'CreateAccessKey', { UserName: 'dave' }));
    },
  },
  {
    name: 'ListUsers',
    expect: same,
    run: async (url) => outcome(await call(url, 'ListUsers'), { names }),
  },
  {
    name: 'CreateUser ALICE (differs only in case)',
    expect: {
      aws: 'user names are unique without regard to case',
      outcome: { status: 409, code: 'EntityAlreadyExists' },
    },
    run: async (url) => outcome(await call(url, 'CreateUser', { UserName: 'ALICE' })),
  },
  {
    name: 'DeleteUser with access keys left',
    expect: {
      aws: 'DeleteUser refuses while access keys remain',
      outcome: { status: 409, code: 'DeleteConflict' },
    },
    run: async (url) => outcome(await call(url, 'DeleteUser', { UserName: 'dave' })),
  },
  {
    name: 'DeleteUser with a group membership left',
    expect: {
      aws: 'DeleteUser refuses while the user is in a group',
      outcome: { status: 409, code: 'DeleteConflict' },
    },
    run: async (url) => outcome(await call(url, 'DeleteUser', { UserName: 'bob' })),
  },
  {
    name: 'ListUsers MaxItems=2',
    expect: {
      aws: 'ListUsers returns at most MaxItems users and says more follow',
      outcome: { status: 200, values: { names: ['alice', 'bob'], truncated: 'true' } },
    },
    run: async (url) =>
      outcome(await call(url, 'ListUsers', { MaxItems: '2' }), {
        names,
        truncated: (body) => xmlText(body, 'IsTruncated'),
      }),
  },
  {
    name: 'CreateUser with an invalid name',
    expect: {
      aws: 'user names match [\\w+=,.@-]+',
      outcome: { status: 400, code: 'ValidationError' },
    },
    run: async (url) => outcome(await call(url, 'CreateUser', { UserName: 'has space' })),
  },
  {
    name: 'tampered presigned CreateUser',
    expect: {
      aws: 'presigned URLs are verified like signed headers',
      outcome: { status: 403, code: 'SignatureDoesNotMatch' },
    },
    run: async (url) => {
      const presigned = new URL(presignCall(url, 'CreateUser', { UserName: 'erin' }));
      presigned.searchParams.set('UserName', 'mallory');
      return outcome(await send(presigned.href));
    },
  },
];

describe('the same scenario against moto_server and the emulator', { skip }, () => {
  let moto: MotoServer;
  let emulator: RunningEmulator;
  const results = new Map<string, { moto: Outcome; emulator: Outcome }>();

  before(async () => {
    [moto, emulator] = await Promise.all([startMoto(), startEmulator({ memory: true })]);
    for (const step of steps) {
      results.set(step.name, {
        moto: await step.run(moto.url),
        emulator: await step.run(emulator.url),
      });
    }
  });
  after(async () => {
    await Promise.all([moto?.stop(), emulator?.stop()]);
  });

  for (const step of steps) {
    const title =
      step.expect === 'same'
        ? `${step.name}: moto and the emulator agree`
        : `${step.name}: the emulator follows AWS (${step.expect.aws})`;
    it(title, () => {
      const { moto: fromMoto, emulator: fromEmulator } = results.get(step.name)!;
      if (step.expect === 'same') {
        assert.deepEqual(fromEmulator, fromMoto);
        return;
      }
      const { values, ...rest } = step.expect.outcome;
      for (const [key, value] of Object.entries(rest)) {
        assert.deepEqual(
          fromEmulator[key as keyof Outcome],
          value,
          `${key} (moto: ${JSON.stringify(fromMoto)})`,
        );
      }
      if (values) assert.deepEqual(fromEmulator.values, values);
    });
  }
});
