import { useEffect, useId, useRef, type KeyboardEvent } from 'react';
import { errorTitle } from '../lib/error-copy.js';
import { useApp, useAppStore } from '../store/context.js';
import { isAmbiguous } from '../store/follow-slice.js';
import { Choices, SmsSwitch } from './FormControls.js';
import { SearchIcon } from './Icons.js';
import { optionId, Suggestions } from './Suggestions.js';

/** The one input (@name, id or profile URL), its suggestions, the digits choice and the SMS toggle. */
export function FollowForm() {
  const query = useApp((s) => s.query);
  const search = useApp((s) => s.search);
  const highlighted = useApp((s) => s.highlighted);
  const numericAs = useApp((s) => s.numericAs);
  const choiceNeeded = useApp((s) => s.choiceNeeded);
  const notify = useApp((s) => s.notify);
  const inputError = useApp((s) => s.inputError);
  const phase = useApp((s) => s.result.phase);
  const focusSeq = useApp((s) => s.focusSearchSeq);
  const app = useAppStore();
  const actions = app.getState();
  const inputRef = useRef<HTMLInputElement>(null);
  const choiceRef = useRef<HTMLInputElement>(null);
  const ids = useId();
  const listId = `${ids}-list`;
  const errorId = `${ids}-error`;
  const hintId = `${ids}-hint`;

  useEffect(() => {
    if (focusSeq > 0) inputRef.current?.focus();
  }, [focusSeq]);

  useEffect(() => {
    if (choiceNeeded) choiceRef.current?.focus();
  }, [choiceNeeded]);

  const running = phase === 'running';
  const open = search.status === 'done' && search.users.length > 0;
  const noMatches = search.status === 'done' && search.users.length === 0;

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp':
        if (open) {
          event.preventDefault();
          actions.moveHighlight(event.key === 'ArrowDown' ? 1 : -1);
        }
        break;
      case 'Enter':
        if (open && highlighted >= 0) {
          event.preventDefault();
          void actions.followSuggestion(highlighted);
        }
        break;
      case 'Escape':
        if (open || search.status === 'loading') {
          event.preventDefault();
          actions.closeSuggestions();
        } else if (app.getState().busy !== null) {
          // Read at the press, not subscribed: a follow's first moments draw nothing (PROGRESS_DELAY_MS).
          event.preventDefault();
          void actions.cancel();
        } else {
          // A search still waiting out the typing pause would open the list after Escape.
          actions.closeSuggestions();
        }
        break;
    }
  };

  return (
    <form
      className="follow-form card"
      role="search"
      aria-label="Follow someone"
      onSubmit={(event) => {
        event.preventDefault();
        void actions.follow();
      }}
    >
      <label htmlFor={`${ids}-input`} className="field-label">
        Who do you want to follow?
      </label>
      <div className="search-row">
        <div className="search-field">
          <SearchIcon className="search-icon" />
          <input
            ref={inputRef}
            id={`${ids}-input`}
            className="input"
            type="text"
            role="combobox"
            aria-expanded={open}
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={open && highlighted >= 0 ? optionId(listId, highlighted) : undefined}
            aria-invalid={inputError !== null}
            aria-describedby={inputError !== null ? `${errorId} ${hintId}` : hintId}
            placeholder="@name, user id or profile URL"
            autoComplete="off"
            autoCapitalize="off"
            spellCheck={false}
            autoFocus
            value={query}
            onChange={(event) => actions.typeQuery(event.target.value)}
            onKeyDown={onKeyDown}
            onBlur={() => actions.closeSuggestions()}
          />
          {search.status === 'loading' ? (
            <span className="search-busy" aria-hidden="true">
              <span className="spinner" />
            </span>
          ) : null}
          {open ? (
            <Suggestions
              id={listId}
              users={search.users}
              highlighted={highlighted}
              onHighlight={actions.setHighlight}
              onChoose={(index) => void actions.followSuggestion(index)}
            />
          ) : null}
        </div>
        {running ? (
          <>
            <button type="button" className="button primary busy" disabled aria-label="Following…">
              <span className="spinner" aria-hidden="true" /> Following…
            </button>
            <button type="button" className="button" onClick={() => void actions.cancel()}>
              Cancel
            </button>
          </>
        ) : (
          <button type="submit" className="button primary" disabled={query.trim() === ''}>
            Follow
          </button>
        )}
      </div>

      {inputError !== null ? (
        <p id={errorId} className="message bad">
          {inputError}
        </p>
      ) : null}

      {isAmbiguous(query) ? (
        <fieldset className="choice" aria-describedby={choiceNeeded ? `${ids}-choice-help` : undefined}>
          <legend>
            Is <bdi>{query.trim()}</bdi> a…
          </legend>
          <Choices
            options={[
              ['screen_name', `Screen name (@${query.trim()})`],
              ['user_id', 'User id'],
            ]}
            value={numericAs}
            onChange={actions.setNumericAs}
            firstRef={choiceRef}
          />
          {choiceNeeded ? (
            <span id={`${ids}-choice-help`} className="message">
              Choose one, then press Enter.
            </span>
          ) : null}
        </fieldset>
      ) : null}

      <div className="form-options">
        <SmsSwitch checked={notify} onChange={actions.setNotify} />
      </div>

      <p id={hintId} className="hint-line">
        {noMatches
          ? 'No matching accounts: press Enter to follow exactly what you typed.'
          : search.status === 'failed'
            ? `Search is unavailable (${errorTitle(search.error.kind).toLowerCase()}): press Enter to follow exactly what you typed.`
            : 'Type @name, a user id or a profile URL. ↑ ↓ to pick a match, Enter to follow.'}
      </p>
    </form>
  );
}
