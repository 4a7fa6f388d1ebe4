import type { Model, ModelStatic } from 'sequelize';

/**
 * A fresh subclass of a model class, to be initialised on one Sequelize instance. Model classes are
 * otherwise process-wide singletons bound to the last `init`: this keeps every app (and every test
 * server) on its own database, reached through `state.models`, never through the exported classes.
 */
export function bound<M extends ModelStatic<Model>>(base: M): M {
  const subclass = class extends (base as unknown as new () => Model) {};
  // Sequelize names a model after its class: keep the base's name.
  Object.defineProperty(subclass, 'name', { value: base.name });
  return subclass as unknown as M;
}
