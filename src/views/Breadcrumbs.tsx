// Where a page sits: links up the trail, the current page last.
export function Breadcrumbs({ trail }: { trail: { href?: string; label: string }[] }) {
  return (
    <nav class="breadcrumbs" aria-label="Breadcrumb">
      <ol>
        {trail.map((step) => (
          <li key={step.label} aria-current={step.href ? undefined : 'page'}>
            {step.href ? <a href={step.href}>{step.label}</a> : step.label}
          </li>
        ))}
      </ol>
    </nav>
  );
}
