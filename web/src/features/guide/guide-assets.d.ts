// What Vite gives for the imports of the guide page (the project's types are Node's, not vite/client).
declare module '*.md?raw' {
  const text: string;
  export default text;
}

interface ImportMeta {
  glob<T>(pattern: string, options: { eager: true; query: '?url'; import: 'default' }): Record<string, T>;
}
