// tsc checks the TypeScript files; the components' own types are checked by Vue's compiler when
// VitePress builds them.
declare module "*.vue" {
  import type { DefineComponent } from "vue";

  const component: DefineComponent;
  export default component;
}
