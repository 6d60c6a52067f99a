// Testing Library's DOM matchers (toHaveFocus, toBeChecked…), installed by vitest.config.ts's setupFiles.
/// <reference types="@testing-library/jest-dom/vitest" />
