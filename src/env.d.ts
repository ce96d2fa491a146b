interface ImportMetaEnv {
  /** `server` or `static`: set by astro.config.mjs (REGISTER_OUTPUT). */
  readonly REGISTER_OUTPUT: 'server' | 'static';
}
