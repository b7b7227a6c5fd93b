// Shows a learner's progress on the page and turns the progress forms into instant actions.
// The server renders the same markup (for signed-in learners and without JavaScript); this file
// only flips the attributes and texts that markup defines, and says next to a control what
// happened to the change made there.
import {
  isFoldedAway,
  markedTopics,
  type ProgressDocument,
  readCount,
  readProgressDocument,
  readResources,
  sectionDoneTopics,
  type TopicStatus,
} from '../features/progress/rules.ts';
import { type Action, askBeside, clearBeside, failureMessage, fill, showBeside } from './feedback.ts';
import type { RoadmapData } from './page-data.ts';
import { markChosen, showSectionLine } from './sections-ui.ts';
import { ApiError, type ClientView, documentOf, type ProgressStore } from './stores.ts';

const STATUS_LABEL: Record<TopicStatus, string> = {
  pending: 'Not started',
  learning: 'Learning',
  done: 'Done',
  skipped: 'Skipped',
};

const setText = (root: ParentNode, selector: string, text: string | number) => {
  for (const element of root.querySelectorAll(selector)) element.textContent = String(text);
};

const statusesOf = (view: ClientView) =>
  Object.fromEntries(Object.entries(view.topics).map(([id, t]) => [id, t.status]));

const topicCount = (n: number) => (n === 1 ? '1 topic' : `${n} topics`);
const markedCount = (n: number) => (n === 1 ? '1 marked topic' : `${n} marked topics`);
const ticksCount = (n: number) =>
  n === 0 ? '' : n === 1 ? ' and 1 resource read' : ` and ${n} resources read`;

export class ProgressUi {
  /** What the page shows, a change under way included. */
  private view: ClientView | undefined;
  /** What the store last answered: where a failed change goes back to. */
  private confirmed: ClientView | undefined;
  /** Bumped by every change the learner makes here, so an older read never overwrites it. */
  private generation = 0;
  private pending = 0;

  constructor(
    private readonly store: ProgressStore,
    private readonly data: RoadmapData,
  ) {}

  async start(initial?: ClientView) {
    this.bindEvents();
    const view = initial ?? (await this.store.load());
    this.confirmed = view;
    this.render(view);
  }

  /** Applies a view to everything on the page, including a topic open in the drawer. */
  render(view: ClientView) {
    this.view = view;
    let folded = 0;
    for (const holder of document.querySelectorAll<HTMLElement>('[data-topic-id]')) {
      const topicId = holder.dataset.topicId as string;
      const entry = view.topics[topicId];
      const status = entry?.status ?? 'pending';
      holder.dataset.status = status;
      setText(holder, '[data-status-label]', STATUS_LABEL[status]);
      for (const button of holder.querySelectorAll<HTMLButtonElement>('button[data-status-value]')) {
        const pressed = button.dataset.statusValue === status;
        button.setAttribute('aria-pressed', String(pressed));
        button.value = pressed ? 'pending' : (button.dataset.statusValue as string);
      }
      const note = holder.querySelector<HTMLElement>('[data-shared-note]');
      if (note) {
        const from = entry?.sharedFrom
          ? this.data.shared[topicId]?.find((s) => s.roadmap === entry.sharedFrom?.roadmap)
          : undefined;
        note.hidden = !from;
        note.textContent = from ? `Marked in ${from.title}` : '';
      }
      const topic = this.data.shape.topics.find((t) => t.id === topicId);
      // Cards on the list fold away; boxes on the map fade (client/styles.css).
      if (topic && (holder.classList.contains('cards__item') || holder.classList.contains('map-node'))) {
        const isFolded = isFoldedAway(topic, view.choices);
        holder.classList.toggle('is-folded', isFolded);
        if (isFolded) folded++;
        markChosen(holder, topic, view.choices);
      }
    }

    this.renderTicks(view);

    const { summary } = view;
    const panel = document.querySelector<HTMLElement>('[data-progress-panel]');
    if (panel) {
      setText(panel, '[data-figure="finished"]', summary.done + summary.skipped);
      setText(panel, '[data-figure="path"]', summary.path);
      setText(panel, '[data-figure="percent"]', summary.percent);
      setText(panel, '[data-figure="optionalDone"]', summary.optionalDone);
      setText(panel, '[data-figure="optionalTotal"]', summary.optionalTotal);
      const bar = panel.querySelector<HTMLProgressElement>('[data-figure-bar]');
      if (bar) bar.value = summary.percent;
    }
    for (const section of summary.sections) {
      const figures = document.querySelector<HTMLElement>(
        `[data-section-figures="${CSS.escape(section.id)}"]`,
      );
      if (!figures) continue;
      setText(figures, '[data-figure="finished"]', section.done + section.skipped);
      setText(figures, '[data-figure="path"]', section.path);
      setText(figures, '[data-figure="percent"]', section.percent);
      const wrapper = figures.parentElement;
      if (wrapper) showSectionLine(wrapper, section.id, section.path, this.data.shape, view);
    }
    for (const form of document.querySelectorAll<HTMLFormElement>('[data-choice-form]')) {
      const chosen = view.choices[form.dataset.choiceForm as string] ?? '';
      for (const radio of form.querySelectorAll<HTMLInputElement>('input[type="radio"]'))
        radio.checked = radio.value === chosen;
    }
    const foldNote = document.querySelector<HTMLElement>('[data-fold-note]');
    if (foldNote) {
      foldNote.hidden = folded === 0;
      setText(foldNote, '[data-figure="folded"]', folded);
    }
  }

  /** The "Mark as read" toggles and the "2 of 5 read" figures, on the topic page and in the drawer. */
  private renderTicks(view: ClientView) {
    for (const form of document.querySelectorAll<HTMLFormElement>('form[data-tick-form]')) {
      const read =
        view.resources?.[form.dataset.tickForm as string]?.[form.dataset.resource as string]?.read === true;
      const button = form.querySelector<HTMLButtonElement>('button[data-tick-button]');
      if (button) {
        button.setAttribute('aria-pressed', String(read));
        button.value = String(!read);
      }
      const item = form.closest<HTMLElement>('[data-resource-id]');
      if (item) item.dataset.read = String(read);
    }
    for (const count of document.querySelectorAll<HTMLElement>('[data-read-count]')) {
      const topic = this.data.shape.topics.find((t) => t.id === count.dataset.readCount);
      if (topic) setText(count, '[data-figure="read"]', readCount(topic, view.resources?.[topic.id]).read);
    }
  }

  /** Reads the stored progress again (another tab or device changed it) unless a change of ours is under way. */
  async refresh() {
    const generation = this.generation;
    if (this.pending > 0) return;
    const view = await this.store.load();
    if (generation === this.generation && this.pending === 0) {
      this.confirmed = view;
      this.render(view);
    }
  }

  /**
   * Runs a change. When it fails, the page goes back to what the store holds (read afresh, or the
   * last answer when even that fails) and the failure is told next to `place`, with a way out.
   */
  private async apply(action: () => Promise<ClientView>, place: Element | null): Promise<boolean> {
    this.generation++;
    this.pending++;
    try {
      const view = await action();
      this.pending--;
      this.confirmed = view;
      this.render(view);
      if (place) clearBeside(place);
      return true;
    } catch (error) {
      const stored = await this.store.load().catch(() => this.confirmed);
      this.pending--;
      if (stored) {
        this.confirmed = stored;
        this.render(stored);
      }
      const failure =
        error instanceof ApiError
          ? error
          : new ApiError('refused', (error as Error).message || 'unknown error');
      const { message, actions } = failureMessage(failure, () => void this.apply(action, place));
      if (place) showBeside(place, message, actions, 'error');
      else this.toast(message, actions);
      return false;
    }
  }

  private toast(message: string, actions: Action[] = []) {
    const toast = document.querySelector<HTMLElement>('[data-toast]');
    if (!toast) return;
    fill(toast, message, actions);
    for (const button of toast.querySelectorAll('button'))
      button.addEventListener('click', () => (toast.hidden = true));
    toast.hidden = false;
  }

  private titleOf(topicId: string) {
    return (
      document.querySelector(`.cards__item[data-topic-id="${CSS.escape(topicId)}"] .card__title`)
        ?.textContent ?? topicId
    );
  }

  private bindEvents() {
    document.addEventListener('submit', (event) => {
      const form = event.target as HTMLFormElement;
      const submitter = (event as SubmitEvent).submitter as HTMLButtonElement | null;
      if (form.dataset.statusForm && submitter?.name === 'status') {
        event.preventDefault();
        const topicId = form.dataset.statusForm;
        const status = submitter.value as TopicStatus;
        if (this.view) {
          // Show the change at once; the store's answer confirms (or reverts) it.
          const optimistic = structuredClone(this.view);
          optimistic.topics[topicId] = { status, updatedAt: new Date().toISOString(), sharedFrom: null };
          this.render(optimistic);
        }
        void this.apply(() => this.store.setStatus(topicId, status), form);
      } else if (form.dataset.tickForm && submitter?.name === 'read') {
        event.preventDefault();
        const topicId = form.dataset.tickForm;
        const resourceId = form.dataset.resource as string;
        const read = submitter.value === 'true';
        if (this.view) {
          const optimistic = structuredClone(this.view);
          optimistic.resources = {
            ...optimistic.resources,
            [topicId]: {
              ...optimistic.resources?.[topicId],
              [resourceId]: { read, updatedAt: new Date().toISOString(), sharedFrom: null },
            },
          };
          this.render(optimistic);
        }
        void this.apply(() => this.store.setTick(topicId, resourceId, read), form);
      } else if (form.dataset.sectionDone) {
        event.preventDefault();
        void this.markSectionDone(form.dataset.sectionDone, form.parentElement ?? form);
      } else if (form.dataset.choiceForm) {
        event.preventDefault();
      } else if (form.dataset.resetForm !== undefined) {
        event.preventDefault();
        if (
          !window.confirm(
            `Reset your progress on ${this.data.title}? Statuses and choices go back to the start.`,
          )
        )
          return;
        void this.reset();
      }
    });

    document.addEventListener('change', (event) => {
      const input = event.target as HTMLInputElement;
      const form = input.closest<HTMLFormElement>('[data-choice-form]');
      if (form && input.type === 'radio') {
        const group = form.dataset.choiceForm as string;
        void this.apply(() => this.store.setChoice(group, input.value || null), form);
      }
      if (input.matches('[data-import-progress]') && input.files?.[0]) {
        void this.importFile(input.files[0]);
        input.value = '';
      }
    });

    document.addEventListener('click', (event) => {
      const target = event.target as Element;
      if (target.closest('[data-export-progress]')) this.exportFile();
      const toggle = target.closest<HTMLAnchorElement>('[data-toggle-folded]');
      if (toggle) {
        event.preventDefault();
        const sections = document.querySelector<HTMLElement>('.sections');
        if (!sections) return;
        const showAll = sections.dataset.showAll !== 'true';
        sections.dataset.showAll = String(showAll);
        toggle.textContent = showAll ? 'Hide them' : 'Show all topics';
      }
    });
  }

  private async reset() {
    let before: ClientView | undefined;
    const ok = await this.apply(async () => {
      before = await this.store.reset();
      return this.store.load();
    }, null);
    if (ok && before) {
      const undo = documentOf(before);
      this.toast('Progress reset.', [
        { label: 'Undo', run: () => void this.apply(() => this.store.replace(undo), null) },
      ]);
    }
  }

  /** Says which topics it will mark done, marks them once confirmed, and offers to undo it. */
  private async markSectionDone(sectionId: string, place: Element) {
    const view = this.confirmed;
    if (!view) return;
    const topicIds = sectionDoneTopics(this.data.shape, statusesOf(view), view.choices, sectionId);
    if (topicIds.length === 0) {
      showBeside(place, 'Every topic of this section on your path is already done or skipped.');
      return;
    }
    const titles = topicIds.map((id) => this.titleOf(id)).join(', ');
    if (!(await askBeside(place, `This marks ${topicCount(topicIds.length)} done: ${titles}.`, 'Mark done')))
      return;
    const previous = topicIds.map((id) => ({ id, status: view.topics[id]?.status ?? 'pending' }));
    if (!(await this.apply(() => this.store.markSectionDone(sectionId), place))) return;
    showBeside(place, `${topicCount(topicIds.length)} marked done.`, [
      {
        label: 'Undo',
        run: () =>
          void this.apply(async () => {
            let result: ClientView | undefined;
            for (const { id, status } of previous) result = await this.store.setStatus(id, status);
            return result as ClientView;
          }, place),
      },
    ]);
  }

  private exportFile() {
    if (!this.view) return;
    const { choices, choicesUpdatedAt, topics, resources } = documentOf(this.view);
    const file = {
      format: 'trailmap-progress',
      version: 1,
      roadmap: this.data.slug,
      choices,
      choicesUpdatedAt,
      topics,
      resources,
    };
    const url = URL.createObjectURL(new Blob([JSON.stringify(file, null, 2)], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `trailmap-${this.data.slug}-progress.json`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  /**
   * Reads the whole file by the API's own rules before anything changes; asks before replacing
   * marked topics; offers Undo afterwards.
   */
  private async importFile(file: File) {
    const place = document.querySelector('[data-import-progress]')?.closest('.progress-panel__actions');
    if (!place || !this.confirmed) return;
    let value: unknown;
    try {
      value = JSON.parse(await file.text());
    } catch {
      showBeside(place, 'Nothing was imported: that file is not JSON.', [], 'error');
      return;
    }
    const { doc, problems } = readProgressDocument(this.data.shape, value);
    if (problems.length > 0) {
      const list = document.createElement('ul');
      for (const problem of problems) {
        const item = document.createElement('li');
        item.textContent = problem;
        list.append(item);
      }
      const message = document.createDocumentFragment();
      message.append(
        `Nothing was imported: ${problems.length === 1 ? 'one problem' : `${problems.length} problems`} in that file.`,
        list,
      );
      showBeside(place, message, [], 'error');
      return;
    }
    const before: ProgressDocument = documentOf(this.confirmed);
    const replaced = markedTopics(before);
    const replacedTicks = readResources(before);
    if (
      (replaced > 0 || replacedTicks > 0) &&
      !(await askBeside(
        place,
        `This replaces ${markedCount(replaced)}${ticksCount(replacedTicks)}.`,
        'Replace',
      ))
    )
      return;
    if (!(await this.apply(() => this.store.replace(doc), place))) return;
    showBeside(
      place,
      `Progress imported: ${markedCount(markedTopics(doc))}${ticksCount(readResources(doc))}.`,
      [{ label: 'Undo', run: () => void this.apply(() => this.store.replace(before), place) }],
    );
  }
}
