// The admin's list of invitation rounds with how many were invited and have answered.
import type { AppContext } from '../../context.js';
import { listInvitationRounds, listParticipantsByRound } from '../../db/queries/invitations.js';

export async function listInvitations(ctx: AppContext) {
  const rounds = await listInvitationRounds(ctx.db);
  return Promise.all(
    rounds.map(async (r) => {
      const people = await listParticipantsByRound(ctx.db, r.id);
      return {
        code: r.code,
        label: r.label,
        survey: r.survey_code,
        invited: people.length,
        submitted: people.filter((p) => p.submitted_day !== null).length,
      };
    }),
  );
}
