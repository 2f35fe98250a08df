import { defineBackground } from 'wxt/utils/define-background';

export default defineBackground(() => {
  // listeners registered in later commit
});
