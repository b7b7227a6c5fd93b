// "List / Map": the two views of a roadmap. The bundle remembers the learner's pick (client/view-choice.ts).
export function ViewSwitch({ slug, current }: { slug: string; current: 'list' | 'map' }) {
  const views = [
    { view: 'list', label: 'List', href: `/roadmaps/${slug}` },
    { view: 'map', label: 'Map', href: `/roadmaps/${slug}/map` },
  ] as const;
  return (
    <nav class="view-switch" aria-label="Roadmap view">
      {views.map((entry) => (
        <a
          key={entry.view}
          class="view-switch__option"
          href={entry.href}
          data-view-choice={entry.view}
          aria-current={entry.view === current ? 'page' : undefined}
        >
          {entry.label}
        </a>
      ))}
    </nav>
  );
}
