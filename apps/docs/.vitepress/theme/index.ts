import type { Theme } from "vitepress";
import DefaultTheme from "vitepress/theme";
import { defineAsyncComponent } from "vue";

/**
 * The default theme, plus the components the guides use by name. They load on the pages that use
 * them only, so the chart library stays out of every other page.
 */
const theme: Theme = {
  extends: DefaultTheme,
  enhanceApp({ app }) {
    app.component(
      "LrPlayground",
      defineAsyncComponent(() => import("./components/LrPlayground.vue")),
    );
    app.component(
      "SchedulerGallery",
      defineAsyncComponent(() => import("./components/SchedulerGallery.vue")),
    );
  },
};

export default theme;
