// "Assigned by <team> · due <date>": what a member sees on the catalogue card and the roadmap page,
// with the choices the team fixed explained.
import type { Roadmap } from '../../../content/model.ts';

export interface LearnerAssignment {
  roadmap: string;
  dueDate: string | null;
  choices: Record<string, string>;
  team: { slug: string; name: string };
}

export const assignedLabel = (a: LearnerAssignment) =>
  `Assigned by ${a.team.name}${a.dueDate ? ` · due ${a.dueDate}` : ''}`;

export function AssignedBadge({ assignments }: { assignments: LearnerAssignment[] }) {
  if (assignments.length === 0) return null;
  return (
    <span class="assigned-badge" data-assigned>
      {assignments.map(assignedLabel).join('; ')}
    </span>
  );
}

export function AssignedNote({
  roadmap,
  assignments,
}: {
  roadmap: Roadmap;
  assignments: LearnerAssignment[];
}) {
  if (assignments.length === 0) return null;
  return (
    <div class="notice assigned-note" role="note" data-assigned>
      {assignments.map((a) => {
        const fixed = Object.entries(a.choices).map(([groupId, optionId]) => {
          const group = roadmap.choiceGroups.find((g) => g.id === groupId);
          const option = group?.options.find((o) => o.id === optionId);
          return `${group?.title ?? groupId}: ${option?.title ?? optionId}`;
        });
        return (
          <p key={a.team.slug}>
            <strong>{assignedLabel(a)}</strong>
            {fixed.length > 0 &&
              ` — your team chose ${fixed.join(', ')} for this roadmap, so it is selected for you; you can still change it below.`}
          </p>
        );
      })}
    </div>
  );
}
