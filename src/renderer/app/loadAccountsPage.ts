/**
 * The accounts screen's code (its own chunk). The page's entry starts it when the accounts
 * screen is the one opening, beside the shell, so neither waits for the other; React.lazy
 * in ./areas then finds the same module.
 */
export const loadAccountsPage = () => import('../../features/accounts/ui/AccountsPage');
