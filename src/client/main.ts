// The browser bundle's entry: progressive enhancements on top of server-rendered pages.
import { enhanceTopicDrawer } from './drawer.ts';

const drawer = document.querySelector<HTMLDialogElement>('dialog#topic-drawer');
if (drawer) enhanceTopicDrawer(drawer);
