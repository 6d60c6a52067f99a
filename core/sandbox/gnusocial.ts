/**
 * The sandbox as a GNU social 2.0 site without fancy URLs. The statuses and texts are the ones a
 * real server (GNU social 2.0.1, PHP 8.2, `php -S`) answered; several disagree with Twitter's, and
 * that is the point: clients must survive them.
 */
import { byUserId, fail, ok, v1Error, type Call, type Handler } from './api-routes.js';
import { user, type DirectoryUser } from './directory.js';
import { DUPLICATE_WINDOW_MS, type Personality } from './personality.js';
import type { SandboxState } from './state.js';

/** A person who has blocked everyone, so a follow meets GNU social's block answer. */
export const BLOCKER_SCREEN_NAME = 'grumpy';

export const GNU_SOCIAL_MESSAGES = {
  noSuchUser: 'No such user found.',
  noProfile: 'No result found on Profile lookup.',
  userIdNotFound: 'profile not found',
  blocked: 'User has blocked you.',
  notSubscribed: 'Not subscribed!',
  duplicate: 'Too many duplicate messages too quickly; take a breather and post again in a few minutes.',
} as const;

const DIGITS = /^[0-9]{1,20}$/;

type Found = { user: DirectoryUser } | { refused: ReturnType<Handler> };

/**
 * The person a call names, as GNU social finds them. With no target at all it acts on the caller
 * (spec §1), which is why clients must never send such a call.
 */
function targetOf(state: SandboxState, call: Call): Found {
  const params = call.request.params;
  const id = call.idInPath ?? params.id;
  const found = (u: DirectoryUser | undefined, message: string, status = 500): Found =>
    u ? { user: u } : { refused: fail(call, status, message) };
  if (id) {
    const named = byUserId(state, id) ?? state.directory.byScreenName(id);
    return found(named, DIGITS.test(id) ? GNU_SOCIAL_MESSAGES.noProfile : GNU_SOCIAL_MESSAGES.noSuchUser);
  }
  if (params.user_id) return found(byUserId(state, params.user_id), GNU_SOCIAL_MESSAGES.userIdNotFound, 403);
  if (params.screen_name) return found(state.directory.byScreenName(params.screen_name), GNU_SOCIAL_MESSAGES.noSuchUser);
  return { user: call.caller };
}

function edgeKey(call: Call, target: DirectoryUser): string {
  return `${call.caller.id}:${target.id}`;
}

const create: Handler = (state, call) => {
  const target = targetOf(state, call);
  if ('refused' in target) return target.refused;
  const { user: person } = target;
  state.followRequests.set(person.screenName, (state.followRequests.get(person.screenName) ?? 0) + 1);
  if (person.screenName === BLOCKER_SCREEN_NAME) return fail(call, 500, GNU_SOCIAL_MESSAGES.blocked);
  const edge = state.graph.get(call.caller.id, person.id);
  // Every user is subscribed to themselves, so a self-follow is "already on your list".
  if (person.id === call.caller.id || (edge !== undefined && !edge.pending)) {
    return fail(call, 403, `Could not follow user: ${person.screenName} is already on your list.`);
  }
  const undone = state.undoneAt.get(edgeKey(call, person));
  if (undone !== undefined && state.now() - undone < DUPLICATE_WINDOW_MS) {
    // Not a rate limit GNU social counts in headers: the answer says nothing of when it lifts.
    return v1Error(call.request.path, 400, GNU_SOCIAL_MESSAGES.duplicate);
  }
  // A private stream only queues a request; the answer is 200 all the same, without saying so.
  if (edge === undefined) state.graph.set(call.caller.id, person.id, { notifications: false, pending: person.protected });
  return ok(state, call, person);
};

const destroy: Handler = (state, call) => {
  const target = targetOf(state, call);
  if ('refused' in target) return target.refused;
  if (target.user.id === call.caller.id) return fail(call, 403, 'You cannot unfollow yourself.');
  if (!state.graph.delete(call.caller.id, target.user.id)) return fail(call, 500, GNU_SOCIAL_MESSAGES.notSubscribed);
  state.undoneAt.set(edgeKey(call, target.user), state.now());
  return ok(state, call, target.user);
};

const show: Handler = (state, call) => {
  const target = targetOf(state, call);
  return 'refused' in target ? target.refused : ok(state, call, target.user);
};

export const GNU_SOCIAL: Personality = {
  id: 'gnusocial',
  apiPrefix: '/index.php/api',
  profileUrl: (host, person) => `http://${host}/index.php/${person.screenName}`,
  selfSubscribed: true,
  endpoints: {
    'friendships/create': create,
    'friendships/destroy': destroy,
    'users/show': show,
    // GNU social has no users/search.
    'users/search': (_state, call) => fail(call, 404, 'API method not found!'),
  },
  // GNU social 2.0 has no users/lookup: a client reads names through statuses/friends.
  graph: { usersLookup: false },
  extraUsers: [
    user({
      id: '3000020',
      screenName: BLOCKER_SCREEN_NAME,
      name: 'Grumpy Blocker',
      description: 'Has blocked everyone here.',
      followersCount: 1,
      statusesCount: 1,
    }),
  ],
};
