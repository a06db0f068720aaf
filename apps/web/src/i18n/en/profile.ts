// Strings of this area's pages; the keys are read as t('profile.key').
export default {} as const;
