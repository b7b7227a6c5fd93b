// Shows a learner's progress on the page and turns the progress forms into instant actions.
// The server renders the same markup (for signed-in learners and without JavaScript); this file
// only flips the attributes and texts that markup defines.
import { isFoldedAway, type ProgressDocument, type TopicStatus } from '../features/progress/rules.ts';
import type { RoadmapData } from './page-data.ts';
import { markChosen, showSectionLine } from './sections-ui.ts';
import type { ClientView, ProgressStore } from './stores.ts';

const STATUS_LABEL: Record<TopicStatus, string> = {
  pending: 'Not started',
  learning: 'Learning',
  done: 'Done',
  skipped: 'Skipped',
};

const setText = (root: ParentNode, selector: string, text: string | number) => {
  for (const element of root.querySelectorAll(selector)) element.textContent = String(text);
};

export class ProgressUi {
  private view: ClientView | undefined;
  private undo: ProgressDocument | undefined;
  /** Bumped by every change the learner makes here, so an older read never overwrites it. */
  private generation = 0;
  private pending = 0;

  constructor(
    private readonly store: ProgressStore,
    private readonly data: RoadmapData,
  ) {}

  async start(initial?: ClientView) {
    this.bindEvents();
    this.render(initial ?? (await this.store.load()));
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
      if (topic && holder.classList.contains('cards__item')) {
        const isFolded = isFoldedAway(topic, view.choices);
        holder.classList.toggle('is-folded', isFolded);
        if (isFolded) folded++;
        markChosen(holder, topic, view.choices);
      }
    }

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

  /** Reads the stored progress again (another tab or device changed it) unless a change of ours is under way. */
  async refresh() {
    const generation = this.generation;
    if (this.pending > 0) return;
    const view = await this.store.load();
    if (generation === this.generation && this.pending === 0) this.render(view);
  }

  private async apply(action: () => Promise<ClientView>) {
    this.generation++;
    this.pending++;
    try {
      const view = await action();
      this.pending--;
      this.render(view);
    } catch (error) {
      this.pending--;
      this.toast(`Not saved: ${(error as Error).message}`);
      if (this.view) this.render(this.view);
    }
  }

  private toast(message: string, undo?: () => void) {
    const toast = document.querySelector<HTMLElement>('[data-toast]');
    if (!toast) return;
    toast.replaceChildren(document.createTextNode(`${message} `));
    if (undo) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'link-button';
      button.textContent = 'Undo';
      button.addEventListener('click', () => {
        toast.hidden = true;
        undo();
      });
      toast.append(button);
    }
    toast.hidden = false;
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
        void this.apply(() => this.store.setStatus(topicId, status));
      } else if (form.dataset.sectionDone) {
        event.preventDefault();
        const sectionId = form.dataset.sectionDone;
        void this.apply(() => this.store.markSectionDone(sectionId));
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
        void this.apply(async () => {
          const before = await this.store.reset();
          this.undo = before;
          this.toast('Progress reset.', () => {
            if (this.undo) void this.apply(() => this.store.replace(this.undo as ProgressDocument));
          });
          return this.store.load();
        });
      }
    });

    document.addEventListener('change', (event) => {
      const input = event.target as HTMLInputElement;
      const form = input.closest<HTMLFormElement>('[data-choice-form]');
      if (form && input.type === 'radio') {
        const group = form.dataset.choiceForm as string;
        void this.apply(() => this.store.setChoice(group, input.value || null));
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

  private exportFile() {
    if (!this.view) return;
    const { choices, choicesUpdatedAt, topics } = this.view;
    const file = {
      format: 'trailmap-progress',
      version: 1,
      roadmap: this.data.slug,
      choices,
      choicesUpdatedAt,
      topics,
    };
    const url = URL.createObjectURL(new Blob([JSON.stringify(file, null, 2)], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `trailmap-${this.data.slug}-progress.json`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  private async importFile(file: File) {
    let doc: ProgressDocument & { roadmap?: string };
    try {
      doc = JSON.parse(await file.text());
    } catch {
      this.toast('That file is not JSON.');
      return;
    }
    if (doc.roadmap && doc.roadmap !== this.data.slug) {
      this.toast(`That file holds progress for “${doc.roadmap}”, not this roadmap.`);
      return;
    }
    if (typeof doc.topics !== 'object' || doc.topics === null) {
      this.toast('That file holds no Trailmap progress.');
      return;
    }
    await this.apply(() =>
      this.store.replace({
        choices: doc.choices ?? {},
        choicesUpdatedAt: doc.choicesUpdatedAt ?? {},
        topics: doc.topics,
      }),
    );
    this.toast('Progress imported.');
  }
}
