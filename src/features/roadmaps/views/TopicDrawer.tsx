// The (client-driven) side drawer a topic opens in, on the list and on the map.
export function TopicDrawer() {
  return (
    <dialog class="drawer" id="topic-drawer" aria-labelledby="topic-title">
      <div class="drawer__panel">
        <div class="drawer__bar">
          <button type="button" class="drawer__close" data-close-drawer>
            <span aria-hidden="true">×</span>
            <span class="visually-hidden">Close topic</span>
          </button>
        </div>
        <div class="drawer__content" />
      </div>
    </dialog>
  );
}
